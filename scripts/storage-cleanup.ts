import "dotenv/config";
import { runStorageCleanup } from "@/lib/storage/cleanup";

// One clean-up pass (for cron): deletes expired export files and marks their rows expired.
runStorageCleanup()
  .then((result) => {
    console.log(JSON.stringify(result));
    process.exit(0);
  })
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
