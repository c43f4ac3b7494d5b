-- leak: foreign-tables: the table without its project resolves in the job's project
SELECT version, COUNT(DISTINCT site_id) AS sites FROM dujour.community_metrics GROUP BY version HAVING COUNT(DISTINCT site_id) >= 5
