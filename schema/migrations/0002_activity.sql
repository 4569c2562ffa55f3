CREATE TABLE `activities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`actor_id` text,
	`type` text NOT NULL,
	`file_id` integer,
	`path` text,
	`details` text,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `activities_user_idx` ON `activities` (`user_id`,`id`);--> statement-breakpoint
CREATE INDEX `activities_file_idx` ON `activities` (`file_id`);--> statement-breakpoint
CREATE TABLE `activity_preferences` (
	`user_id` text PRIMARY KEY NOT NULL,
	`mail_frequency` text NOT NULL,
	`favorites_only` integer NOT NULL,
	`list_own_actions` integer NOT NULL,
	`mail_own_actions` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `activity_settings` (
	`user_id` text NOT NULL,
	`event_type` text NOT NULL,
	`stream` integer NOT NULL,
	`mail` integer NOT NULL,
	PRIMARY KEY(`user_id`, `event_type`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
