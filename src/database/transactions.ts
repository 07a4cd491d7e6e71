import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';

/**
 * The ambient transaction of a use case (nestjs-cls): `db.withTransaction(fn)`
 * opens one, or joins the one already open; inside it, in any service,
 * `db.tx` is its EntityManager, and outside any transaction the plain one.
 * Nothing passes an EntityManager around, so nothing can read outside the
 * transaction it belongs to by forgetting to pass it.
 *
 * A class, so that it can be injected by its type: it is the plugin's
 * TransactionHost under another token (see DatabaseModule).
 */
export abstract class Db extends TransactionHost<TransactionalAdapterTypeOrm> {}
