export { PROTOCOL, type MessageType, type MessageInput, type MessageOutput, type SenderContext } from './protocol';
export { createMessageRouter, type Handlers, type HandlerContext } from './router';
export { createMessenger, type Messenger } from './client';
export { classifySender, type SelfInfo, type SenderInfo } from './sender';
