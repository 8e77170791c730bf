"""Monte Carlo simulation of the cost model: the public face of the modules that implement it.

Pipeline: each uncertain parameter's distribution (``distributions``; the assumption files'
``uncertainty`` entries, replaced or added to by ``dists``) -> the sampling plan (``plan``) -> a
uniform design in [0, 1)^d, built in fixed blocks seeded from the seed and block number (``design``)
-> rank correlation by Iman-Conover, ranks computed once per block (``correlation``;
``assumptions/uncertainty/correlations.toml``)
-> each column through its inverse CDF (``plan.draw_parameters``) -> the model on a whole chunk of
draws at once (``fastpv``), chunks kept compactly (``storage``) by ``simulate`` -> outputs rebuilt
from the stored terms (``output_draws``) -> percentiles and more (``summaries``,
``accounting_percentiles``). All modules are in ``model.engines``; this one only re-exports.
"""

from model.engines.accounting_percentiles import accounting_percentiles
from model.engines.correlation import (CORRELATION_FILE, check_positive_definite, correlation_matrix,
                                       correlation_path, iman_conover_ranks, load_correlations,
                                       spearman_to_pearson)
from model.engines.design import DESIGN_BLOCK, DESIGN_CACHE, SAMPLERS, Design, seed_entropy
from model.engines.output_draws import STAT_BLOCK
from model.engines.plan import UncertaintySpec, draw_parameters, fixed_values, uncertainty_spec
from model.engines.simulate import CHUNK_WORKERS, SHARE_IDS, TIMING_IDS, SimulationResult, simulate
from model.engines.summaries import CONVERGENCE_START, PERCENTILES, SUMMARY_COLUMNS, convergence_points

__all__ = [
    "CHUNK_WORKERS", "CONVERGENCE_START", "CORRELATION_FILE", "DESIGN_BLOCK", "DESIGN_CACHE", "PERCENTILES",
    "SAMPLERS", "SHARE_IDS", "STAT_BLOCK", "SUMMARY_COLUMNS", "TIMING_IDS",
    "Design", "UncertaintySpec", "SimulationResult",
    "accounting_percentiles", "check_positive_definite", "convergence_points", "correlation_matrix",
    "correlation_path", "draw_parameters", "fixed_values", "iman_conover_ranks", "load_correlations",
    "uncertainty_spec", "seed_entropy", "simulate", "spearman_to_pearson",
]
