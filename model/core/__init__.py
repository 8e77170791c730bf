"""Core: assumption files -> validated parameters -> pure, vectorized model functions and the tables built from them. Imports no engine, output, CLI or UI."""
