-- expect: select-star, row-level
SELECT * EXCEPT (site_id, message_id, ip)
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
