-- leak: small-groups: STDDEV over groups keyed by a rare counter
SELECT environment_count, STDDEV(environment_count) AS sd, COUNT(*) AS n FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY environment_count
