CREATE TABLE `chunked_uploads` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`transfer_id` text NOT NULL,
	`destination` text,
	`total_length` integer,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `chunked_uploads_transfer` ON `chunked_uploads` (`user_id`,`transfer_id`);--> statement-breakpoint
CREATE INDEX `chunked_uploads_expiry_idx` ON `chunked_uploads` (`expires_at`);--> statement-breakpoint
CREATE TABLE `comment_read_markers` (
	`user_id` text NOT NULL,
	`node_id` integer NOT NULL,
	`read_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `node_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`node_id`) REFERENCES `file_nodes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `file_comments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`node_id` integer NOT NULL,
	`actor_id` text NOT NULL,
	`message` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	`edited_at` integer,
	FOREIGN KEY (`node_id`) REFERENCES `file_nodes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `file_comments_node_idx` ON `file_comments` (`node_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `file_favorites` (
	`user_id` text NOT NULL,
	`node_id` integer NOT NULL,
	PRIMARY KEY(`user_id`, `node_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`node_id`) REFERENCES `file_nodes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `file_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`node_id` integer NOT NULL,
	`blob_key` text NOT NULL,
	`size` integer NOT NULL,
	`sha1` text,
	`mtime` integer NOT NULL,
	`etag` text NOT NULL,
	`author_id` text,
	`label` text,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`node_id`) REFERENCES `file_nodes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `file_versions_node_idx` ON `file_versions` (`node_id`,`mtime`);--> statement-breakpoint
CREATE TABLE `system_tag_relations` (
	`tag_id` integer NOT NULL,
	`node_id` integer NOT NULL,
	PRIMARY KEY(`tag_id`, `node_id`),
	FOREIGN KEY (`tag_id`) REFERENCES `system_tags`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`node_id`) REFERENCES `file_nodes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `system_tag_relations_node_idx` ON `system_tag_relations` (`node_id`);--> statement-breakpoint
CREATE TABLE `system_tags` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`user_visible` integer DEFAULT true NOT NULL,
	`user_assignable` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `system_tags_name_unique` ON `system_tags` (`name`);--> statement-breakpoint
CREATE TABLE `trash_items` (
	`node_id` integer PRIMARY KEY NOT NULL,
	`owner_id` text NOT NULL,
	`original_parent_id` integer,
	`original_path` text NOT NULL,
	`deleted_at` integer NOT NULL,
	`deleted_by` text,
	FOREIGN KEY (`node_id`) REFERENCES `file_nodes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `trash_items_owner_idx` ON `trash_items` (`owner_id`,`deleted_at`);--> statement-breakpoint
CREATE TABLE `upload_chunks` (
	`upload_id` text NOT NULL,
	`name` text NOT NULL,
	`size` integer NOT NULL,
	`blob_key` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	PRIMARY KEY(`upload_id`, `name`),
	FOREIGN KEY (`upload_id`) REFERENCES `chunked_uploads`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
DROP INDEX `file_nodes_personal_root`;--> statement-breakpoint
ALTER TABLE `file_nodes` ADD `modified_by` text;--> statement-breakpoint
ALTER TABLE `file_nodes` ADD `trashed_at` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `file_nodes_personal_root` ON `file_nodes` (`owner_id`) WHERE parent_id IS NULL AND space_id IS NULL AND trashed_at IS NULL;