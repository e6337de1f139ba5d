/**
 * The API as the frame calls it (src/browser/api.ts): with the reader's session from the
 * frame's storage; `invalid_session` means it ended elsewhere (logged out everywhere, expired).
 */
import { apiClient } from "../../../browser/api";
import { store } from "./store";

export { API, ApiFailure, enc } from "../../../browser/api";

export const { call, whenSessionLost } = apiClient({
  session: () => store.session()?.session,
  ended: (failure) => failure.code === "invalid_session",
});
