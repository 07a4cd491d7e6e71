import 'reflect-metadata';
import { serve } from './server';

/** `npm start`: the service, without demo data. */
serve();
