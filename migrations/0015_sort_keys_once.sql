-- hand-written below
-- Writers of likes/dislikes now set `net` and `ratio_key` in their own UPDATE (src/comments/sortKeys.ts),
-- with the site's ratioMinReactions bound: a reaction writes its comment once and reads no site settings
-- in SQL. The trigger stays as a safety net for any other writer, and acts only when the keys do not
-- follow from the counts: `net` wrong, `ratio_key` neither ratio nor 2 + ratio, or the one case where a
-- writer that left the keys alone keeps both (likes = dislikes before and after, yet changed).
DROP TRIGGER IF EXISTS `comments_sort_keys`;
--> statement-breakpoint
CREATE TRIGGER `comments_sort_keys` AFTER UPDATE OF `likes`, `dislikes` ON `comments`
  WHEN NEW.`net` IS NOT NEW.`likes` - NEW.`dislikes`
    OR (NEW.`ratio_key` IS NOT (CASE WHEN NEW.`likes` + NEW.`dislikes` = 0 THEN 0 ELSE NEW.`likes` * 1.0 / (NEW.`likes` + NEW.`dislikes`) END)
      AND NEW.`ratio_key` IS NOT (CASE WHEN NEW.`likes` + NEW.`dislikes` = 0 THEN 0 ELSE 2 + NEW.`likes` * 1.0 / (NEW.`likes` + NEW.`dislikes`) END))
    OR (OLD.`likes` = OLD.`dislikes` AND NEW.`likes` = NEW.`dislikes` AND NEW.`likes` <> OLD.`likes` AND NEW.`ratio_key` IS OLD.`ratio_key`)
BEGIN
  UPDATE `comments` SET
    `net` = NEW.`likes` - NEW.`dislikes`,
    `ratio_key` = CASE
      WHEN NEW.`likes` + NEW.`dislikes` = 0 THEN 0
      WHEN NEW.`likes` + NEW.`dislikes` >= coalesce((SELECT json_extract(`settings`, '$.ratioMinReactions') FROM `sites` WHERE `id` = NEW.`site_id`), 10)
        THEN 2 + NEW.`likes` * 1.0 / (NEW.`likes` + NEW.`dislikes`)
      ELSE NEW.`likes` * 1.0 / (NEW.`likes` + NEW.`dislikes`)
    END
  WHERE `id` = NEW.`id`;
END;
