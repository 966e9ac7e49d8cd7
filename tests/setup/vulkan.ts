// Runs before every test file: Dawn must find a Vulkan driver before the first adapter request.
import { pointVulkanAtSwiftShader } from '../../cli/swiftshader';

pointVulkanAtSwiftShader();
