"""The assumption files, shipped inside the package as ``model.assumptions`` (package data), so an
installed copy of the model finds them through ``importlib.resources``. Data only: no code here."""
