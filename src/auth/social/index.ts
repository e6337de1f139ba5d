import { createRouter } from "../../lib/openapi";
import { accountRoutes } from "../account/account.routes";
import { popupRoutes } from "./popup.routes";
import { socialRoutes } from "./social.routes";

/** Social login (popup pages, link tickets, the site's provider list) and the reader's account. */
export const socialLoginRoutes = createRouter().route("/", popupRoutes).route("/", socialRoutes).route("/", accountRoutes);

export { providerAdminRoutes } from "./providerAdmin.routes";
