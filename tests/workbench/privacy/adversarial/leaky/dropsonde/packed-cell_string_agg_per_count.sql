-- leak: packed-cell: STRING_AGG DISTINCT of modules within a group keyed by environment count
SELECT environment_count, STRING_AGG(DISTINCT m.slug) AS mods FROM `bto-dataops-datalake-prod.dujour.community_metrics`, UNNEST(modules) m GROUP BY environment_count
