import torch
from torch.autograd.functional import jacobian

torch.manual_seed(0)

x = torch.tensor([1.0, 2.0, 3.0, 4.0])
J = jacobian(lambda t: (2 * t).view(2, 2), x)
print(J.shape)  # (1)!

J2 = J.reshape(4, 4)  # (2)!
print(J2)
v = torch.tensor([[1.0, 0.1], [0.01, 0.001]])
print(v.reshape(4) @ J2)
