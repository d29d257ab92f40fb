import { renderPage, type RenderedPage } from '../support/page';

/**
 * The conversation page compiled with WeChat's own WXML compiler: the markdown component draws its
 * rows with `<template is>`, which simulate's pure-JS compiler does not render.
 */
export function renderConversation(query: Record<string, string> = {}): RenderedPage {
  return renderPage('pages/conversation/index', query, 'official');
}
