-- leak: foreign-function: a persistent UDF of another dataset runs its own SQL (it may read other tables) on a public key
SELECT version, `bto-dataops-datalake-prod.crm.owner_of`(version) AS owner, COUNT(DISTINCT site_id) AS sites FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY version HAVING COUNT(DISTINCT site_id) >= 5
