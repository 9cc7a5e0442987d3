import { createContext, useContext } from 'react';
import type { Services } from '../services';

/** The app's services, handed down from `main.tsx`: views never reach for a module singleton. */
export const ServicesContext = createContext<Services | null>(null);

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices() outside <ServicesContext.Provider>');
  return services;
}
