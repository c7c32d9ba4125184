// Every view by the first segment of its hash (#/orders/12 → orders).
import { articles } from './articles.js';
import { audit } from './audit.js';
import { crawl } from './crawl.js';
import { dashboard } from './dashboard.js';
import { followups } from './followups.js';
import { fraud } from './fraud.js';
import { merchants } from './merchants.js';
import { disputes, orders } from './orders.js';
import { payouts } from './payouts.js';
import { queues } from './queues.js';

export const views = { dashboard, merchants, articles, orders, disputes, payouts, crawl, followups, queues, fraud, audit };
