/**
 * What the frame loads only when needed (`onDemand()` in app.ts): the text box (for logged-in
 * readers only), the delete and report dialogs, the account page, the notification list (알림)
 * and comment history (댓글 이력). One module, so the build makes one chunk for them and the
 * first load one chunk of code they share with it (scripts/build-widget.ts).
 */
export { openAccount } from "./account";
export { askDelete, askReport } from "./commentDialogs";
export { composer } from "./composer";
export { openHistory } from "./history";
export { openNotifications } from "./notifications";
