CREATE TABLE `share_recipients` (
	`share_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`target` text,
	`state` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`share_id`, `user_id`),
	FOREIGN KEY (`share_id`) REFERENCES `shares`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `share_recipients_user_idx` ON `share_recipients` (`user_id`);--> statement-breakpoint
CREATE TABLE `shares` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`share_type` integer NOT NULL,
	`node_id` integer NOT NULL,
	`initiator_id` text NOT NULL,
	`share_with` text,
	`permissions` integer NOT NULL,
	`token` text,
	`password_hash` text,
	`expires_at` integer,
	`note` text DEFAULT '' NOT NULL,
	`label` text DEFAULT '' NOT NULL,
	`hide_download` integer DEFAULT false NOT NULL,
	`attributes` text,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`node_id`) REFERENCES `file_nodes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`initiator_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `shares_token` ON `shares` (`token`);--> statement-breakpoint
CREATE INDEX `shares_node_idx` ON `shares` (`node_id`);--> statement-breakpoint
CREATE INDEX `shares_with_idx` ON `shares` (`share_type`,`share_with`);--> statement-breakpoint
CREATE INDEX `shares_initiator_idx` ON `shares` (`initiator_id`);--> statement-breakpoint
CREATE TABLE `space_members` (
	`space_id` integer NOT NULL,
	`principal_type` text NOT NULL,
	`principal_id` text NOT NULL,
	`role` text NOT NULL,
	PRIMARY KEY(`space_id`, `principal_type`, `principal_id`),
	FOREIGN KEY (`space_id`) REFERENCES `spaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `space_members_principal_idx` ON `space_members` (`principal_type`,`principal_id`);--> statement-breakpoint
CREATE TABLE `spaces` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`org_id` text,
	`holder_id` text NOT NULL,
	`created_by` text,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `orgs`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`holder_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `spaces_holder` ON `spaces` (`holder_id`);--> statement-breakpoint
CREATE INDEX `spaces_org_idx` ON `spaces` (`org_id`);--> statement-breakpoint
ALTER TABLE `users` ADD `kind` text DEFAULT 'person' NOT NULL;