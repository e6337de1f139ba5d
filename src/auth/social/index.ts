import { createRouter } from "../../lib/openapi";
import { popupRoutes } from "./popup.routes";
import { socialRoutes } from "./social.routes";

/** Social login: popup pages, link tickets, the site's provider list. */
export const socialLoginRoutes = createRouter().route("/", popupRoutes).route("/", socialRoutes);

export { providerAdminRoutes } from "./providerAdmin.routes";
