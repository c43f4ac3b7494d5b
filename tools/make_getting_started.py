"""Writes notebooks/getting_started.ipynb (without outputs); `make notebooks` executes it."""

import nbformat as nbf

nb = nbf.v4.new_notebook()
md, code = nbf.v4.new_markdown_cell, nbf.v4.new_code_cell
nb.cells = [
    md(
        "# Getting started\n\n"
        "The workbench runs BigQuery SQL offline against a randomized Dropsonde dataset that "
        "follows the real telemetry schema exactly. Generate it with `make fake-data`; this "
        "notebook reads `data/workbench.duckdb`.\n\n"
        "## The dataset\n"
        "How it was made: its seed, its as-of date (offline, `CURRENT_DATE()` is this date) "
        "and its size."
    ),
    code(
        "%load_ext workbench\n"
        "import altair as alt\n"
        "import pandas as pd\n\n"
        "import workbench\n\n"
        "wb = workbench.default()\n"
        "pd.DataFrame(wb.datasets.values())[['source', 'table', 'seed', 'as_of', 'sites', 'days', 'rows']]"
    ),
    md(
        "## The schema\n"
        "The merged BigQuery schema of the Dropsonde plugins (what `workbench schema` prints). "
        "`REPEATED RECORD` columns are arrays of structs: query them with `UNNEST`."
    ),
    code(
        "source = wb.source('dropsonde')\n"
        "pd.DataFrame(\n"
        "    [(f.name, f.sql_type(), f.mode, f.description) for f in source.schema],\n"
        "    columns=['column', 'type', 'mode', 'description'],\n"
        ")"
    ),
    md(
        "## A first query\n"
        "Queries are BigQuery standard SQL written against the production table name; the "
        "workbench maps it to the local table. This is `queries/dropsonde/site_count.sql`:"
    ),
    code("print(open(wb.root / 'queries/dropsonde/site_count.sql').read())"),
    code("workbench.query('queries/dropsonde/site_count.sql')"),
    md(
        "The same in a notebook cell, with the `%%bigquery` magic (the bigquery-magics "
        "convention, run offline). A cell written this way runs unchanged on BigQuery."
    ),
    code(
        "%%bigquery\n"
        "SELECT product, COUNT(*) AS reports, COUNT(DISTINCT site_id) AS sites\n"
        "FROM `bto-dataops-datalake-prod.dujour.community_metrics`\n"
        "WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)\n"
        "GROUP BY product\n"
        "ORDER BY reports DESC, product\n"
        "LIMIT 5"
    ),
    md(
        "## Module usage\n"
        "`queries/dropsonde/module_usage.sql` counts sites per module slug and version. "
        "`workbench.load_query` reads the file, and `$variable` as the cell body runs it, so "
        "the notebook exercises the exact file that gets promoted. Summed over versions, the "
        "most used modules are:"
    ),
    code("module_usage = workbench.load_query('queries/dropsonde/module_usage.sql')"),
    code("%%bigquery usage\n$module_usage"),
    code(
        "\n"
        "top = (\n"
        "    usage.groupby('slug', as_index=False)['sites'].sum()\n"
        "    .sort_values(['sites', 'slug'], ascending=[False, True])\n"
        "    .head(15)\n"
        "    .reset_index(drop=True)\n"
        ")\n"
        "top"
    ),
    md("## A first chart"),
    code(
        "alt.Chart(top, title='Most used Forge modules (sites, last week)').mark_bar().encode(\n"
        "    x=alt.X('sites:Q', title='Sites reporting the module'),\n"
        "    y=alt.Y('slug:N', sort='-x', title='Module (author-name)'),\n"
        "    tooltip=['slug', 'sites'],\n"
        ").properties(width=500)"
    ),
]
nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
nbf.write(nb, "notebooks/getting_started.ipynb")
