import torch
import torch.nn.functional as F

torch.manual_seed(0)

x = torch.tensor([-2.0, 0.0, 2.0], requires_grad=True)
F.leaky_relu(x, negative_slope=0.1).sum().backward()
print("x.grad at x = -2, 0, 2:", x.grad)
