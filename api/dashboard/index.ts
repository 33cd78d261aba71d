// Vercel function: every /dashboard page (vercel.json rewrites /dashboard and /dashboard/* here).
import { dashboardFunction } from "../../src/dashboard/vercel-entry.js";

export default dashboardFunction();
