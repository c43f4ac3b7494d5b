-- leak: edge-value: LEAD in order of the number pairs each site with the next: MAX of the difference is a gap next to the top site
WITH g AS (SELECT site_id, LEAD(environment_count) OVER (ORDER BY environment_count) AS next_count FROM `bto-dataops-datalake-prod.dujour.community_metrics`)
SELECT AVG(next_count) AS avg_next, COUNT(DISTINCT site_id) AS sites FROM g
