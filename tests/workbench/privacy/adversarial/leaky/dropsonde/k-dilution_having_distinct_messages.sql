-- leak: k-dilution: HAVING on a count of a distinct non-entity
SELECT environment_count, version, COUNT(DISTINCT site_id) AS sites FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY environment_count, version HAVING COUNT(DISTINCT message_id) >= 5
