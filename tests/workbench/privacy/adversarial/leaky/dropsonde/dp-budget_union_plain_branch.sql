-- leak: dp-budget: a differentially private branch beside a plain branch: the plain one's small groups are not protected
SELECT WITH DIFFERENTIAL_PRIVACY OPTIONS (epsilon = 1, delta = 1e-6, privacy_unit_column = site_id) version, COUNT(*, contribution_bounds_per_group => (0, 1)) AS n FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY version
UNION ALL
SELECT CAST(environment_count AS STRING) AS version, COUNT(*) AS n FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY environment_count
