import 'reflect-metadata';
import { work } from '../server';

/** `npm run worker`: runs the queue's jobs (REDIS_URL and DATABASE_URL as the API's). */
work();
