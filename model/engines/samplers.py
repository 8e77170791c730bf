"""The uniform designs a Monte Carlo run can draw (``design.Design`` implements them). No imports, so the
command line can list them cheaply."""

MC, LHS, SOBOL = "mc", "lhs", "sobol"
SAMPLERS = (MC, LHS, SOBOL)
