"""SESCDP cost model: OPM's proposed 5 CFR part 412 rule (FR Doc. 2025-23289), cost analysis.

Data flows one way: assumption files -> validated parameters (``parameters``) -> pure, vectorized
cost functions (``labor``, ``program``, ``components``, ``stream``) -> tidy results tables
(``results``) -> Monte Carlo, sensitivity, exports -> interfaces (CLI, app).
"""

__version__ = "0.1.0"
