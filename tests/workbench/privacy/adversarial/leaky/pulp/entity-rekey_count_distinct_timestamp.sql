-- leak: entity-rekey: the threshold counts distinct posts of one system (a day each) as if they were systems
SELECT rbac_stats.users AS users, rbac_stats.groups AS groups_, COUNT(DISTINCT DATE(timestamp)) AS systems FROM `pulp-analytics-prod.analytics.pulp_analytics` GROUP BY users, groups_ HAVING COUNT(DISTINCT DATE(timestamp)) >= 5
