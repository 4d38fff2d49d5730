import { AppError, type Logger } from '@starter/contracts';
import {
  DEFAULT_SERVICE_ACCOUNT_CATALOG,
  loadServiceAccountCatalog,
  type ServiceAccountCatalog,
} from '@starter/identity';

/** Resolves the catalog; 503 while it cannot be read. */
export type CatalogSource = () => Promise<ServiceAccountCatalog>;

/**
 * The catalog from SERVICE_ACCOUNT_CATALOG_PATH (or the built-in one), read on first use and kept. A
 * failed read is not kept: the next request tries again, so fixing the file needs no restart.
 */
export function createCatalogSource(path: string | null, logger: Logger): CatalogSource {
  if (path === null) return () => Promise.resolve(DEFAULT_SERVICE_ACCOUNT_CATALOG);
  let loading: Promise<ServiceAccountCatalog> | null = null;
  return async () => {
    loading ??= loadServiceAccountCatalog(path);
    try {
      return await loading;
    } catch (error) {
      loading = null;
      // The path is configuration, not a secret; the file's contents never reach the log.
      logger.error(
        { event: 'service_account.catalog_unavailable', path, error_name: (error as Error).name },
        'Service-account catalog could not be loaded',
      );
      throw new AppError('ServiceUnavailable', 'The service-account catalog is unavailable.');
    }
  };
}
