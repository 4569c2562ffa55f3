ALTER TABLE `activity_preferences` ADD `last_mailed_activity_id` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `activity_preferences` ADD `last_mailed_at` integer DEFAULT 0 NOT NULL;