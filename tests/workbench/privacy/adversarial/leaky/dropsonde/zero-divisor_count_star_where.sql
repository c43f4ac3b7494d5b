-- leak: zero-divisor: 1 / COUNT(*) under a WHERE on a private value fails exactly when no site has 568 environments
SELECT CURRENT_DATE() AS date, 1 / COUNT(*) AS r FROM `bto-dataops-datalake-prod.dujour.community_metrics` WHERE environment_count = 568
