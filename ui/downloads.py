"""Downloads: every export format (``Scenario.report``) for the scenario on screen, with provenance."""

from __future__ import annotations

import streamlit as st

from model import view

from . import compute, state

FORMAT_LABELS = {"xlsx": "Excel workbook (.xlsx)", "csv": "CSV, tidy (.csv)", "md": "Markdown tables (.md)",
                 "docx": "Word document (.docx)", "json": "JSON, everything (.json)",
                 "toml": "Scenario file (.toml)"}


def file_stem(name: str) -> str:
    """A file-name stem from a scenario name: 'External coaching at $3,000' -> 'sescdp_external_coaching_at_3000'."""
    slug = "".join(ch.lower() if ch.isalnum() else "_" for ch in name)
    return "sescdp_" + "_".join(part for part in slug.split("_") if part)


def downloads_page() -> None:
    key, name, mc = state.current().key, state.current().name, state.current().mc_settings
    st.subheader("Download the results")
    include = False
    if mc:
        include = st.checkbox(f"Include Monte Carlo and sensitivity ({mc['draws']:,} draws, seed {mc['seed']} "
                              "from the Uncertainty page; the export's own sampler, recorded in the provenance)",
                              key="export_mc", on_change=state.on_view, args=("export_mc",))
    else:
        st.caption("Run a simulation on the Uncertainty page to include Monte Carlo and sensitivity sheets.")
    wanted = (key, name, mc["draws"] if include else None, mc["seed"] if include else None)
    ready = state.current().exports_for == wanted
    if st.button("Prepare the files for this scenario", key="prepare_exports", type="primary", disabled=ready,
                 help="The files are built for the scenario on screen; after any change, prepare them again."):
        state.prepared(wanted)
        ready = True
    stem = file_stem(name)
    cols = st.columns(3)
    if not ready:
        st.caption("The download buttons are off until the files are prepared for the scenario on screen, so "
                   "that no file from an earlier scenario is handed out.")
        for i, fmt in enumerate(compute.EXPORT_FORMATS):
            cols[i % 3].download_button(FORMAT_LABELS.get(fmt, f".{fmt}"), b"", file_name=f"{stem}.{fmt}",
                                        key=f"download_{fmt}", width="stretch", disabled=True)
        return
    with st.spinner("Building the report\u2026"):
        files, prov = compute.export_files(*wanted)
    for i, fmt in enumerate(compute.EXPORT_FORMATS):
        cols[i % 3].download_button(FORMAT_LABELS.get(fmt, f".{fmt}"), files[fmt], file_name=f"{stem}.{fmt}", mime=view.media_type(fmt),
                            key=f"download_{fmt}", width="stretch")
    st.subheader("Provenance")
    st.markdown("\n".join(f"- {view.publication_text(line)}" for line in view.provenance_lines(prov)))
    st.caption("The files themselves record every parameter by its id, so that the scenario can be re-run.")
