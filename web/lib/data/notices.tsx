"use client";
/**
 * The notice the user is shown about the transaction or signature in progress: app state the writes (tx.ts) set
 * and the live regions (components/Notices.tsx) show.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";

/** What the user is told about the transaction or signature in progress. */
export interface Notice {
  kind: "status" | "error";
  text: string;
  link?: { href: string; label: string; external: boolean };
}

interface NoticeApi {
  notice: Notice | undefined;
  show(notice: Notice): void;
  clear(): void;
}

const NoticeContext = createContext<NoticeApi | undefined>(undefined);

export function NoticeProvider({ children }: { children: ReactNode }) {
  const [notice, setNotice] = useState<Notice>();
  const show = useCallback((n: Notice) => setNotice(n), []);
  const clear = useCallback(() => setNotice(undefined), []);
  const api = useMemo(() => ({ notice, show, clear }), [notice, show, clear]);
  return <NoticeContext.Provider value={api}>{children}</NoticeContext.Provider>;
}

export function useNotices(): NoticeApi {
  const api = useContext(NoticeContext);
  if (api === undefined) throw new Error("useNotices needs <NoticeProvider>");
  return api;
}
