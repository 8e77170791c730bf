"""The year-by-year reference the fast evaluator (engines.fastpv) must match, shared by the tests."""

from model.core.discount import present_value
from model.core.vocabulary import FRAMINGS, LEVELS, MODES
from model.core.stream import framed_stream, to_level


def stream_outputs(p, years, rates):
    """{(framing, mode, level, quantity): USD}: year-1 total and PV at each rate from the full stream."""
    out = {}
    for framing in FRAMINGS:
        for mode in MODES:
            total = framed_stream(p, mode, framing, years)["total"]
            for level in LEVELS:
                s = to_level(p, total, level)
                out[(framing, mode, level, "year1_total")] = float(s[0])
                for r in rates:
                    out[(framing, mode, level, f"pv_{r * 100:g}")] = float(present_value(s, r))
    return out
