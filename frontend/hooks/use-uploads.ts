"use client";
/** Files being uploaded, each with its own progress and outcome. */
import { useCallback, useState } from "react";
import { api, type ApiError } from "@/lib/api-client";
import { asApiError } from "@/lib/api-error";
import type { DocumentInfo } from "@/lib/types";
import { useTeacherAuth } from "./use-teacher-auth";

export interface UploadItem {
  key: string;
  name: string;
  size: number;
  /** 0..1 of the bytes sent. */
  progress: number;
  state: "uploading" | "duplicate" | "error";
  error: ApiError | null;
}

let counter = 0;

/** `add(files)` uploads each file to `collection`; finished uploads leave the list for the documents list. */
export function useUploads(collection: string, onUploaded: (doc: DocumentInfo) => void) {
  const { withTeacher } = useTeacherAuth();
  const [items, setItems] = useState<UploadItem[]>([]);

  const patch = (key: string, change: Partial<UploadItem>) =>
    setItems((all) => all.map((item) => (item.key === key ? { ...item, ...change } : item)));

  const uploadOne = useCallback(
    async (file: File) => {
      const key = `u${++counter}`;
      setItems((all) => [...all, { key, name: file.name, size: file.size, progress: 0, state: "uploading", error: null }]);
      try {
        const doc = await withTeacher(() =>
          api.uploadDocument(file, { collection, onProgress: (progress) => patch(key, { progress }) }),
        );
        if (doc.duplicate) patch(key, { state: "duplicate", progress: 1 });
        else setItems((all) => all.filter((item) => item.key !== key));
        onUploaded(doc);
      } catch (failure) {
        const error = asApiError(failure);
        patch(key, { state: "error", error });
      }
    },
    [collection, onUploaded, withTeacher],
  );

  const add = useCallback((files: Iterable<File>) => Promise.all(Array.from(files, uploadOne)), [uploadOne]);
  const dismiss = useCallback((key: string) => setItems((all) => all.filter((item) => item.key !== key)), []);

  return { items, add, dismiss };
}
