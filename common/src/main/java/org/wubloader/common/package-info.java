/** Segment model, storage rules and the plumbing every service shares. */
package org.wubloader.common;
