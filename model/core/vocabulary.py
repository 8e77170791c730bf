"""The glossary: every name the results are indexed by, one meaning each, defined here and nowhere else.
Plain strings with no imports beyond the standard library, so that the command line can list its choices
(``sescdp --help``) without loading numpy, pandas or the model. Import these names from this module only.

- coaching mode (``Mode``): who coaches, ``internal``, ``external`` or ``mixed`` (a share of agencies each way);
- level (``Level``): ``agency`` (one agency) or ``government`` (every agency of ``agencies.count``);
- framing (``Framing``): what a figure measures, ``as_published`` (the NPRM's framing: the proposed
  requirements priced in full) or ``incremental`` (the rule regime minus the current regime);
- regime (``Regime``): a parameter mapping the same formulas run on, ``given`` (the parameters as given,
  the as-published framing's one regime), ``rule`` and ``current`` (the incremental framing's two);
- component group (``Group``): a fixed label of a cost component for tables, ``nprm`` (a fee or labor the
  NPRM's cost section prices), ``reading`` (counted under one reading of the NPRM's arithmetic) or
  ``complete`` (a requirement of the rule text the NPRM does not price);
- quantity: the year-1 cost (``YEAR1``), the present value (``PV_PREFIX`` + rate) and the annualized value
  (``ANNUALIZED_PREFIX`` + rate), named by ``core.quantities``; a summary's measure (``Measure``);
- "published" alone means one thing: a figure printed in the NPRM (the reconciliation's ``published`` column).
"""

from enum import Enum


class Mode(str, Enum):
    INTERNAL = "internal"
    EXTERNAL = "external"
    MIXED = "mixed"


class Level(str, Enum):
    AGENCY = "agency"
    GOVERNMENT = "government"


class Framing(str, Enum):
    AS_PUBLISHED = "as_published"
    INCREMENTAL = "incremental"


class Regime(str, Enum):
    GIVEN = "given"
    RULE = "rule"
    CURRENT = "current"


class Group(str, Enum):
    NPRM = "nprm"
    READING = "reading"
    COMPLETE = "complete"


class Measure(str, Enum):
    PRESENT_VALUE = "present value"
    ANNUALIZED = "annualized"


# The plain-string forms every module uses (a tuple of str, in reporting order).
INTERNAL, EXTERNAL, MIXED = (m.value for m in Mode)
MODES = tuple(m.value for m in Mode)
PRICED_MODES = (INTERNAL, EXTERNAL)  # the two modes the NPRM prices (mixed is the model's own)
AGENCY, GOVERNMENT = (x.value for x in Level)
LEVELS = tuple(x.value for x in Level)
AS_PUBLISHED, INCREMENTAL = (f.value for f in Framing)
FRAMINGS = tuple(f.value for f in Framing)
GIVEN, RULE, CURRENT = (r.value for r in Regime)
REGIMES = tuple(r.value for r in Regime)
PRESENT_VALUE, ANNUALIZED = (m.value for m in Measure)
MEASURES = tuple(m.value for m in Measure)
YEAR1 = "year1_total"
YEAR1_COLUMN = "year1"  # the year-1 column of the summary, scenario and omitted-cost tables
PV_PREFIX = "pv_"
ANNUALIZED_PREFIX = "annualized_"
