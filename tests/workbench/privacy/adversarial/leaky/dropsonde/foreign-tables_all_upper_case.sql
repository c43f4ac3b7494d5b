-- leak: foreign-tables: the project in upper case
SELECT version, COUNT(DISTINCT site_id) AS sites FROM `BTO-DATAOPS-DATALAKE-PROD.DUJOUR.COMMUNITY_METRICS` GROUP BY version HAVING COUNT(DISTINCT site_id) >= 5
