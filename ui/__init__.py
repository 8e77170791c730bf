"""Streamlit layout for the SESCDP cost model (imported by ``app.py``; not part of the ``model`` package).

Layout and widgets only: every figure comes from the public ``model`` functions, through the cached
wrappers in ``ui.compute``; the session's editable scenario lives in ``ui.state``.
"""
