import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'rf:isPublic';

/** Marks a controller or route as reachable without a signed-in user. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
