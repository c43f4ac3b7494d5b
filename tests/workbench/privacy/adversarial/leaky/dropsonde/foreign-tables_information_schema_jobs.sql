-- leak: foreign-tables: INFORMATION_SCHEMA.JOBS_BY_PROJECT exposes other users' query texts (which may embed site ids)
SELECT user_email, COUNT(*) AS jobs
FROM `region-us`.INFORMATION_SCHEMA.JOBS_BY_PROJECT
WHERE query LIKE '%community_metrics%'
GROUP BY user_email
