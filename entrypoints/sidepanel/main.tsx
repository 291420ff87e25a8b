import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '@/components/shell/App';
import '@/components/theme.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
