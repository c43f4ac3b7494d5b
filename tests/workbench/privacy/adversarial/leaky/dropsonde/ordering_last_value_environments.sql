-- leak: ordering: LAST_VALUE over environment order
SELECT DISTINCT LAST_VALUE(environment_count) OVER (ORDER BY environment_count ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS top FROM `bto-dataops-datalake-prod.dujour.community_metrics`
