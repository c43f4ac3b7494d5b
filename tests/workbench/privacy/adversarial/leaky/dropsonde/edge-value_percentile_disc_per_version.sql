-- leak: edge-value: PERCENTILE_DISC at 1 per version
SELECT DISTINCT version, PERCENTILE_DISC(environment_count, 1) OVER (PARTITION BY version) AS top FROM `bto-dataops-datalake-prod.dujour.community_metrics`
