-- expect: identifier-output, row-level
SELECT product,
  (SELECT MAX(x) FROM UNNEST([message_id]) AS x) AS msg
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
