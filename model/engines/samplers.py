"""The uniform designs a Monte Carlo run can draw, and how it is cut into blocks and chunks
(``design.Design`` implements them). No imports, so the command line can list them cheaply."""

MC, LHS, SOBOL = "mc", "lhs", "sobol"
SAMPLERS = (MC, LHS, SOBOL)
DESIGN_BLOCK = 2 ** 16  # draws per design block (a power of 2 keeps Sobol blocks balanced)
CHUNK_BLOCKS = 1  # design blocks evaluated at once by default (one block's temporaries stay in cache)
DEFAULT_CHUNK = CHUNK_BLOCKS * DESIGN_BLOCK  # draws evaluated at once by default (65,536)
