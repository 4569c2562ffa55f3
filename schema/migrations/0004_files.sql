CREATE TABLE `dav_locks` (
	`token` text PRIMARY KEY NOT NULL,
	`node_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`exclusive` integer NOT NULL,
	`deep` integer NOT NULL,
	`owner_xml` text,
	`timeout_seconds` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`node_id`) REFERENCES `file_nodes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `dav_locks_node_idx` ON `dav_locks` (`node_id`);--> statement-breakpoint
CREATE TABLE `dead_properties` (
	`node_id` integer NOT NULL,
	`namespace` text NOT NULL,
	`name` text NOT NULL,
	`value` text NOT NULL,
	PRIMARY KEY(`node_id`, `namespace`, `name`),
	FOREIGN KEY (`node_id`) REFERENCES `file_nodes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `file_nodes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`owner_id` text NOT NULL,
	`space_id` text,
	`parent_id` integer,
	`name` text NOT NULL,
	`is_folder` integer NOT NULL,
	`size` integer DEFAULT 0 NOT NULL,
	`mime` text NOT NULL,
	`etag` text NOT NULL,
	`mtime` integer NOT NULL,
	`sha1` text,
	`blob_key` text,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`parent_id`) REFERENCES `file_nodes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `file_nodes_parent_name` ON `file_nodes` (`parent_id`,`name`);--> statement-breakpoint
CREATE UNIQUE INDEX `file_nodes_personal_root` ON `file_nodes` (`owner_id`) WHERE parent_id IS NULL AND space_id IS NULL;--> statement-breakpoint
CREATE INDEX `file_nodes_owner_idx` ON `file_nodes` (`owner_id`);