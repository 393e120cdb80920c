import type { Route } from '@angular/router';
import { OpsQueuesPage } from './ops-queues.page';
import { OpsAuditPage, OpsPaymentPage, OpsSearchPage, OpsWorkspacePage } from './ops.pages';

export const opsRoutes: Route[] = [
  { path: '', pathMatch: 'full', title: 'Operator console · RaptorFlow', component: OpsSearchPage },
  { path: 'workspaces/:workspaceId', title: 'Workspace · Operator console', component: OpsWorkspacePage },
  { path: 'payments/:merchantOrderId', title: 'Payment · Operator console', component: OpsPaymentPage },
  { path: 'queues', title: 'Queues · Operator console', component: OpsQueuesPage },
  { path: 'audit', title: 'Audit trail · Operator console', component: OpsAuditPage },
];
